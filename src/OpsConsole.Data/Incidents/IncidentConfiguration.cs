using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.HasIndex(x => x.Number).IsUnique();
        builder.Property(x => x.Title).HasMaxLength(300);
        builder.Property(x => x.Severity).HasConversion<string>().HasMaxLength(8);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.GroupKey).HasMaxLength(600);
        builder.Property(x => x.Commander).HasMaxLength(256);
        builder.PrimitiveCollection(x => x.Assignees);
        builder.Property(x => x.RunbookSlug).HasMaxLength(64);
        builder.Property(x => x.RunbookUrl).HasMaxLength(1000);
        builder.Property(x => x.StakeholderUpdate).HasMaxLength(IncidentRules.MaxStakeholderUpdateLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.Revision).IsConcurrencyToken();
        builder.Ignore(x => x.Milestones);
        builder.HasIndex(x => new { x.Status, x.OpenedAt });
        builder.HasMany(x => x.Models).WithOne().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
