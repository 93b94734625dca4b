using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Registry;

public sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> builder)
    {
        builder.ToTable("Models");
        builder.Property(x => x.Name).HasMaxLength(RegistryRules.MaxNameLength);
        builder.HasIndex(x => x.Name).IsUnique();
        builder.Property(x => x.Description).HasMaxLength(RegistryRules.MaxDescriptionLength);
        builder.Property(x => x.Task).HasMaxLength(20);
        builder.Property(x => x.OwnerTeam).HasMaxLength(100);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.PrimitiveCollection(x => x.Tags);
        builder.Property(x => x.StageRevision).IsConcurrencyToken();
        builder.HasMany(x => x.Versions).WithOne(v => v.Model).HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
