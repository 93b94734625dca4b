using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Registry;

public sealed class PromotionLogEntryConfiguration : IEntityTypeConfiguration<PromotionLogEntry>
{
    public void Configure(EntityTypeBuilder<PromotionLogEntry> builder)
    {
        builder.ToTable("PromotionLog");
        builder.Property(x => x.FromStage).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ToStage).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Reason).HasMaxLength(StageChangeRules.MaxReasonLength);
        builder.Property(x => x.Actor).HasMaxLength(256);
        builder.HasIndex(x => new { x.ModelId, x.At });
        builder.HasOne<RegisteredModel>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
