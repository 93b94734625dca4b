using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

public sealed class RunbookConfiguration : IEntityTypeConfiguration<Runbook>
{
    public void Configure(EntityTypeBuilder<Runbook> builder)
    {
        builder.ToTable("Runbooks");
        builder.Property(x => x.Slug).HasMaxLength(64);
        builder.HasIndex(x => new { x.Slug, x.Version }).IsUnique();
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Markdown).HasMaxLength(IncidentRules.MaxRunbookLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}
