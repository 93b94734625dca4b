using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

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
