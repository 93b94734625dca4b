using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpsConsole.Registry.Webhooks;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("WebhookSubscriptions");
        builder.Property(x => x.Url).HasMaxLength(WebhookRules.MaxUrlLength);
        builder.Property(x => x.Secret).HasMaxLength(WebhookRules.MaxSecretLength);
        builder.Property(x => x.Description).HasMaxLength(WebhookRules.MaxDescriptionLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(256);
        builder.PrimitiveCollection(x => x.Events);
    }
}
