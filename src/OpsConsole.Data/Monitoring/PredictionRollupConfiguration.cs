using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Monitoring;

public sealed class PredictionRollupConfiguration : IEntityTypeConfiguration<PredictionRollup>
{
    public void Configure(EntityTypeBuilder<PredictionRollup> builder)
    {
        builder.ToTable("PredictionRollups");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Segment).HasMaxLength(100);
        builder.HasIndex(x => new { x.Model, x.Version, x.Segment, x.MinuteStart }).IsUnique();
        builder.HasIndex(x => new { x.Model, x.MinuteStart });
    }
}
