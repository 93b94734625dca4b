namespace OpsConsole.Registry.Webhooks;

public class WebhookSignatureTests
{
    const string Secret = "whsec_test_secret_0123";
    const string Body = """{"a":1}""";
    const long Timestamp = 1764590400;

    [Fact]
    public void The_signature_is_v1_and_the_hex_hmac_sha256_of_id_timestamp_and_body()
    {
        // Expected value from Python's standard library:
        // python3 -c "import hmac,hashlib;print(hmac.new(b'whsec_test_secret_0123',b'd1.1764590400.{\"a\":1}',hashlib.sha256).hexdigest())"
        Assert.Equal("v1=4c2d88a74106283dfe26ef7750d419f08d6ac84c32c00dc73eea4df490aa8473", WebhookSignature.Sign(Secret, "d1", Timestamp, Body));
    }

    [Fact]
    public void The_right_signature_verifies()
    {
        var signature = WebhookSignature.Sign(Secret, "d1", Timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, "d1", Timestamp, Body, signature));
    }

    [Fact]
    public void A_changed_body_timestamp_delivery_or_secret_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Secret, "d1", Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "d1", Timestamp, """{"a":2}""", signature));
        Assert.False(WebhookSignature.Verify(Secret, "d1", Timestamp + 1, Body, signature));
        Assert.False(WebhookSignature.Verify(Secret, "d2", Timestamp, Body, signature));
        Assert.False(WebhookSignature.Verify("whsec_some_other_secret", "d1", Timestamp, Body, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=")]
    [InlineData("4c2d88a74106283dfe26ef7750d419f08d6ac84c32c00dc73eea4df490aa8473")]
    [InlineData("V1=4C2D88A74106283DFE26EF7750D419F08D6AC84C32C00DC73EEA4DF490AA8473")]
    public void Signatures_in_another_shape_do_not_verify(string signature)
    {
        Assert.False(WebhookSignature.Verify(Secret, "d1", Timestamp, Body, signature));
    }
}
