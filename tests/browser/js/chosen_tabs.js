// The label of the chosen tab of each tabbed set on the page, in order.
() => [...document.querySelectorAll(".tabbed-set")].map((set) => {
  const input = set.querySelector(":scope > input:checked");
  return document.querySelector(`label[for="${input.id}"]`).innerText.trim();
})
