// A fault for the accessibility checks to find: an image with no alt text, added to the article.
() => {
  const img = document.createElement("img");
  img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
  document.querySelector("article").append(img);
}
