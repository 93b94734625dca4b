using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Platform;

public sealed class JobHeartbeatConfiguration : IEntityTypeConfiguration<JobHeartbeat>
{
    public void Configure(EntityTypeBuilder<JobHeartbeat> builder)
    {
        builder.HasKey(x => x.JobId);
        builder.Property(x => x.JobId).HasMaxLength(100);
        builder.Property(x => x.ServerName).HasMaxLength(200);
    }
}
