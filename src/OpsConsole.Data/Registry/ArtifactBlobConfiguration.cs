using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Registry;

public sealed class ArtifactBlobConfiguration : IEntityTypeConfiguration<ArtifactBlob>
{
    public void Configure(EntityTypeBuilder<ArtifactBlob> builder)
    {
        builder.HasKey(x => x.Sha256);
        builder.Property(x => x.Sha256).HasMaxLength(64);
    }
}
