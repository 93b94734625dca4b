using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Platform;

public sealed class NotificationCursorConfiguration : IEntityTypeConfiguration<NotificationCursor>
{
    public void Configure(EntityTypeBuilder<NotificationCursor> builder)
    {
        builder.HasKey(x => x.UserId);
        builder.Property(x => x.UserId).HasMaxLength(450);
    }
}
