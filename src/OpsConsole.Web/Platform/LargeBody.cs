using Microsoft.AspNetCore.Http.Features;

namespace OpsConsole.Platform;

/// <summary>
/// Lets one request carry a body larger than Kestrel's 30 MB default and the form reader's 128 MB multipart default,
/// up to a limit of the endpoint's own (artifact uploads, training CSVs). Call it before the body is read.
/// </summary>
public static class LargeBody
{
    public static void Allow(HttpRequest request, long bytes)
    {
        // Room for the multipart framing and the metadata part beside the file.
        var limit = bytes + 1024 * 1024;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
    }
}
