using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

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
