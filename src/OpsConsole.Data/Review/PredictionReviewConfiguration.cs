using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Review;

public sealed class PredictionReviewConfiguration : IEntityTypeConfiguration<PredictionReview>
{
    public void Configure(EntityTypeBuilder<PredictionReview> builder)
    {
        builder.ToTable("PredictionReviews");
        builder.Property(x => x.PredictionId).HasMaxLength(32);
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Segment).HasMaxLength(100);
        builder.Property(x => x.PredictedLabel).HasMaxLength(200);
        builder.Property(x => x.Label).HasMaxLength(200);
        builder.Property(x => x.Source).HasMaxLength(16);
        builder.Property(x => x.Note).HasMaxLength(1000);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.Model, x.ReviewedAt });   // the daily correction rate
        builder.HasIndex(x => x.PredictionId);                   // a prediction's reviews, and the queue's "not yet reviewed"
    }
}
