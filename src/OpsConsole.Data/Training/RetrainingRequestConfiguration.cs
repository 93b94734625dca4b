using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Training;

public sealed class RetrainingRequestConfiguration : IEntityTypeConfiguration<RetrainingRequest>
{
    public void Configure(EntityTypeBuilder<RetrainingRequest> builder)
    {
        builder.ToTable("RetrainingRequests");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Reason).HasMaxLength(500);
        builder.Property(x => x.RequestedBy).HasMaxLength(256);
        builder.HasIndex(x => new { x.Model, x.HandledAt });
    }
}
