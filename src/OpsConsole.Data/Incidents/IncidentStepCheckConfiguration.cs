using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

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
