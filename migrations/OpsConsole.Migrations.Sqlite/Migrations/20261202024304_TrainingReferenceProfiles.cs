using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpsConsole.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainingReferenceProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReferenceSource",
                table: "DriftSnapshots",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "window");

            migrationBuilder.CreateTable(
                name: "ReferenceProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceProfileRows",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    FeaturesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Confidence = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceProfileRows", x => new { x.ProfileId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_ReferenceProfileRows_ReferenceProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "ReferenceProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceProfiles_Model_Version_Source",
                table: "ReferenceProfiles",
                columns: new[] { "Model", "Version", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferenceProfileRows");

            migrationBuilder.DropTable(
                name: "ReferenceProfiles");

            migrationBuilder.DropColumn(
                name: "ReferenceSource",
                table: "DriftSnapshots");
        }
    }
}
