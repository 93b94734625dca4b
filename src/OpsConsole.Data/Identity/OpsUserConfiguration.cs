using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Identity;

public sealed class OpsUserConfiguration : IEntityTypeConfiguration<OpsUser>
{
    public void Configure(EntityTypeBuilder<OpsUser> builder)
    {
        builder.Property(x => x.DisplayName).HasMaxLength(UserRules.MaxDisplayNameLength);
    }
}
