// Fetch `url` from the page: "loaded" if it answered, "blocked" if the request failed.
(url) => fetch(url).then(() => "loaded", () => "blocked")
