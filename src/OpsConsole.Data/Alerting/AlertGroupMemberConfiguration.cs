using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpsConsole.Platform;

namespace OpsConsole.Alerting;

public sealed class AlertGroupMemberConfiguration : IEntityTypeConfiguration<AlertGroupMember>
{
    public void Configure(EntityTypeBuilder<AlertGroupMember> builder)
    {
        builder.ToTable("AlertGroupMembers");
        builder.Property(x => x.Fingerprint).HasMaxLength(400);
        builder.HasIndex(x => new { x.GroupId, x.Fingerprint }).IsUnique();
        builder.Property(x => x.Labels).AsJson();
        builder.Property(x => x.Annotations).AsJson();
    }
}
