using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Monitoring;

public sealed class ReferenceProfileConfiguration : IEntityTypeConfiguration<ReferenceProfile>
{
    public void Configure(EntityTypeBuilder<ReferenceProfile> builder)
    {
        builder.ToTable("ReferenceProfiles");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.Property(x => x.Source).HasMaxLength(32);
        builder.HasIndex(x => new { x.Model, x.Version, x.Source }).IsUnique();
        builder.HasMany(x => x.Rows).WithOne().HasForeignKey(r => r.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
