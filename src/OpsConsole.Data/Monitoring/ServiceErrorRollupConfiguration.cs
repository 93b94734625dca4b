using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Monitoring;

public sealed class ServiceErrorRollupConfiguration : IEntityTypeConfiguration<ServiceErrorRollup>
{
    public void Configure(EntityTypeBuilder<ServiceErrorRollup> builder)
    {
        builder.ToTable("ServiceErrorRollups");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Kind).HasMaxLength(32);
        builder.Property(x => x.Feature).HasMaxLength(128);
        builder.HasIndex(x => new { x.Model, x.Version, x.MinuteStart, x.Kind, x.Feature }).IsUnique();
        builder.HasIndex(x => new { x.Model, x.MinuteStart });
    }
}
