using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Identity;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(ApiKeyRules.MaxNameLength);
        builder.Property(x => x.KeyHash).HasMaxLength(64);
        builder.Property(x => x.DisplayPrefix).HasMaxLength(16);
        builder.Property(x => x.Role).HasMaxLength(50);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.Property(x => x.RevokedBy).HasMaxLength(256);
        builder.HasIndex(x => x.KeyHash).IsUnique();
    }
}
