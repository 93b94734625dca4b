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

public sealed class IncidentModelConfiguration : IEntityTypeConfiguration<IncidentModel>
{
    public void Configure(EntityTypeBuilder<IncidentModel> builder)
    {
        builder.ToTable("IncidentModels");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.HasIndex(x => new { x.Model, x.IncidentId });
    }
}

public sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.ToTable("IncidentTimeline");
        builder.Property(x => x.Kind).HasMaxLength(32);
        builder.Property(x => x.Actor).HasMaxLength(256);
        builder.Property(x => x.Text).HasMaxLength(IncidentRules.MaxNoteLength + 200);
        builder.HasIndex(x => new { x.IncidentId, x.At });
        builder.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

public sealed class IncidentStepCheckConfiguration : IEntityTypeConfiguration<IncidentStepCheck>
{
    public void Configure(EntityTypeBuilder<IncidentStepCheck> builder)
    {
        builder.ToTable("IncidentStepChecks");
        builder.HasIndex(x => new { x.IncidentId, x.StepIndex }).IsUnique();
        builder.Property(x => x.StepText).HasMaxLength(1000);
        builder.Property(x => x.CheckedBy).HasMaxLength(256);
        builder.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DrillConfiguration : IEntityTypeConfiguration<Drill>
{
    public void Configure(EntityTypeBuilder<Drill> builder)
    {
        builder.ToTable("Drills");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Fault).HasMaxLength(32);
        builder.Property(x => x.StartedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.Model, x.StartedAt });
    }
}
