using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Scoring;

public sealed class PredictionRecordConfiguration : IEntityTypeConfiguration<PredictionRecord>
{
    public void Configure(EntityTypeBuilder<PredictionRecord> builder)
    {
        builder.ToTable("Predictions");
        builder.Property(x => x.Id).HasMaxLength(32);
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Label).HasMaxLength(200);
        builder.Property(x => x.Segment).HasMaxLength(100);
        builder.Property(x => x.RequestId).HasMaxLength(200);
        builder.Property(x => x.ServedBy).HasMaxLength(16);
        builder.HasIndex(x => new { x.Model, x.At });
        builder.HasIndex(x => x.RequestId);
        builder.HasIndex(x => x.At);   // retention deletes by age across models
    }
}
