using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Monitoring;

public sealed class DriftSnapshotConfiguration : IEntityTypeConfiguration<DriftSnapshot>
{
    public void Configure(EntityTypeBuilder<DriftSnapshot> builder)
    {
        builder.ToTable("DriftSnapshots");
        builder.Property(x => x.Model).HasMaxLength(64);
        // Runs stored before the holdout existed all compared with a production window.
        builder.Property(x => x.ReferenceSource).HasMaxLength(32).HasDefaultValue("window");
        builder.HasIndex(x => new { x.Model, x.ComputedAt });
    }
}
