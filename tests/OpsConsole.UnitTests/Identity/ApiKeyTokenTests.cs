
namespace OpsConsole.Identity;

public class ApiKeyTokenTests
{
    [Fact]
    public void A_generated_key_is_url_safe_and_carries_all_32_random_bytes()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 8 + 3)).ToArray();

        var key = ApiKeyToken.FromRandomBytes(bytes);

        Assert.StartsWith("opc_", key, StringComparison.Ordinal);
        Assert.Equal(47, key.Length);
        Assert.DoesNotContain(key[4..], c => c is '+' or '/' or '=');
        var restored = Convert.FromBase64String(key[4..].Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(bytes, restored);
        Assert.True(ApiKeyToken.IsGenerated(key));
        Assert.True(ApiKeyToken.IsPlausible(key));
    }

    [Fact]
    public void The_stored_hash_is_the_lower_case_hex_sha256_of_the_key()
    {
        // Expected value from coreutils: printf 'opc_example-key-for-hashing-0123456789' | sha256sum
        Assert.Equal("a6c7db69efeccb7b6855a557728bd8af1f8cae2bc715b5e03a240a6cc14d8108", ApiKeyToken.Hash("opc_example-key-for-hashing-0123456789"));
    }

    [Fact]
    public void Two_different_keys_never_share_a_hash_and_the_same_key_always_does()
    {
        Assert.Equal(ApiKeyToken.Hash("opc_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), ApiKeyToken.Hash("opc_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        Assert.NotEqual(ApiKeyToken.Hash("opc_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), ApiKeyToken.Hash("opc_aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-key")]
    [InlineData("has a space in the middle of it!!")]
    public void Keys_that_cannot_be_keys_are_refused_before_any_lookup(string? key)
    {
        Assert.False(ApiKeyToken.IsPlausible(key));
    }

    [Fact]
    public void Lists_show_only_the_prefix_and_six_characters()
    {
        Assert.Equal("opc_abcdef", ApiKeyToken.DisplayPrefix("opc_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
    }

    [Fact]
    public void Only_exactly_32_bytes_make_a_key()
    {
        Assert.Throws<ArgumentException>(() => ApiKeyToken.FromRandomBytes(new byte[16]));
    }
}
