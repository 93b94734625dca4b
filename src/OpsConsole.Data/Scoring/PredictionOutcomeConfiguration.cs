using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Scoring;

public sealed class PredictionOutcomeConfiguration : IEntityTypeConfiguration<PredictionOutcome>
{
    public void Configure(EntityTypeBuilder<PredictionOutcome> builder)
    {
        builder.ToTable("PredictionOutcomes");
        builder.Property(x => x.PredictionId).HasMaxLength(32);
        builder.Property(x => x.RequestId).HasMaxLength(200);
        builder.Property(x => x.Label).HasMaxLength(200);
        builder.Property(x => x.ReceivedBy).HasMaxLength(256);
        builder.HasIndex(x => x.PredictionId);
        builder.HasIndex(x => x.RequestId);
        builder.HasIndex(x => x.ReceivedAt);
    }
}
