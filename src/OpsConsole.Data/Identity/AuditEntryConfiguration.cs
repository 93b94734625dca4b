using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Identity;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(x => x.ActorId).HasMaxLength(450);
        builder.Property(x => x.ActorName).HasMaxLength(256);
        builder.Property(x => x.EntityType).HasMaxLength(128);
        builder.Property(x => x.EntityId).HasMaxLength(450);
        builder.Property(x => x.Action).HasMaxLength(16);
        builder.HasIndex(x => x.At);
        builder.HasIndex(x => new { x.ActorName, x.At });
        builder.HasIndex(x => new { x.EntityType, x.At });
    }
}
