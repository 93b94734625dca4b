using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Registry;

public sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.HasIndex(x => new { x.ModelId, x.Version }).IsUnique();
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.HasIndex(x => x.Sha256);
        builder.Property(x => x.Description).HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(x => x.DatasetVersion).HasMaxLength(200);
        builder.Property(x => x.CodeCommit).HasMaxLength(100);
        builder.Property(x => x.RegisteredBy).HasMaxLength(256);
        builder.Property(x => x.RegisteredById).HasMaxLength(450);
        builder.Property(x => x.BrokenReason).HasMaxLength(500);
        builder.Property(x => x.Stage).HasConversion<string>().HasMaxLength(16);
        // The database itself guarantees one production and one canary per model, so two promotions racing each other
        // cannot both win. Bracket quoting is understood by SQLite and SQL Server alike.
        builder.HasIndex(x => x.ModelId, "IX_ModelVersions_OneProduction").IsUnique().HasFilter("[Stage] = 'Production'");
        builder.HasIndex(x => x.ModelId, "IX_ModelVersions_OneCanary").IsUnique().HasFilter("[Stage] = 'Canary'");
    }
}
