using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DriftSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DriftSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Model = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    ComputedAt = table.Column<long>(type: "bigint", nullable: false),
                    ReferenceFrom = table.Column<long>(type: "bigint", nullable: false),
                    ReferenceTo = table.Column<long>(type: "bigint", nullable: false),
                    ReferenceRows = table.Column<long>(type: "bigint", nullable: false),
                    CurrentFrom = table.Column<long>(type: "bigint", nullable: false),
                    CurrentTo = table.Column<long>(type: "bigint", nullable: false),
                    CurrentRows = table.Column<long>(type: "bigint", nullable: false),
                    DriftShare = table.Column<double>(type: "float", nullable: false),
                    DatasetDrift = table.Column<bool>(type: "bit", nullable: false),
                    ColumnsJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriftSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DriftSnapshots_Model_ComputedAt",
                table: "DriftSnapshots",
                columns: new[] { "Model", "ComputedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriftSnapshots");
        }
    }
}
