using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Scoring;

public sealed class PredictionFlagConfiguration : IEntityTypeConfiguration<PredictionFlag>
{
    public void Configure(EntityTypeBuilder<PredictionFlag> builder)
    {
        builder.ToTable("PredictionFlags");
        builder.Property(x => x.PredictionId).HasMaxLength(32);
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Reason).HasMaxLength(1000);
        builder.Property(x => x.FlaggedBy).HasMaxLength(256);
        builder.HasIndex(x => x.PredictionId);
        builder.HasIndex(x => new { x.Model, x.FlaggedAt });
    }
}
