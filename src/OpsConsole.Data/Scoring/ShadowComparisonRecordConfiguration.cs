using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Scoring;

public sealed class ShadowComparisonRecordConfiguration : IEntityTypeConfiguration<ShadowComparisonRecord>
{
    public void Configure(EntityTypeBuilder<ShadowComparisonRecord> builder)
    {
        builder.ToTable("ShadowComparisons");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Segment).HasMaxLength(100);
        builder.Property(x => x.RequestId).HasMaxLength(200);
        builder.Property(x => x.PrimaryPredictionId).HasMaxLength(32);
        builder.Property(x => x.PrimaryLabel).HasMaxLength(200);
        builder.Property(x => x.ShadowLabel).HasMaxLength(200);
        builder.HasIndex(x => new { x.Model, x.ShadowVersion, x.PrimaryVersion, x.At });
        builder.HasIndex(x => x.At);
    }
}
