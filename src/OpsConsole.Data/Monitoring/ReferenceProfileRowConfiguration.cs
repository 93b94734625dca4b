using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Monitoring;

public sealed class ReferenceProfileRowConfiguration : IEntityTypeConfiguration<ReferenceProfileRow>
{
    public void Configure(EntityTypeBuilder<ReferenceProfileRow> builder)
    {
        builder.ToTable("ReferenceProfileRows");
        builder.HasKey(x => new { x.ProfileId, x.Ordinal });
        builder.Property(x => x.Ordinal).ValueGeneratedNever();
        builder.Property(x => x.Label).HasMaxLength(200);
    }
}
