using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Platform;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Message).HasMaxLength(2000);
        builder.Property(x => x.Link).HasMaxLength(500);
        builder.Property(x => x.RecipientUserId).HasMaxLength(450);
        builder.Property(x => x.RecipientRole).HasMaxLength(50);
        builder.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(x => new { x.RecipientUserId, x.CreatedAt });
        builder.HasIndex(x => new { x.RecipientRole, x.CreatedAt });
    }
}
