using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Incidents;

public sealed class IncidentModelConfiguration : IEntityTypeConfiguration<IncidentModel>
{
    public void Configure(EntityTypeBuilder<IncidentModel> builder)
    {
        builder.ToTable("IncidentModels");
        builder.Property(x => x.Model).HasMaxLength(64);
        builder.HasIndex(x => new { x.Model, x.IncidentId });
    }
}
