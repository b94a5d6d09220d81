// Room calendar: choosing another room in the list opens its calendar.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("[data-calendar-rooms]");
  if (select) {
    select.addEventListener("change", () => { window.location.assign(select.value); });
  }
});
