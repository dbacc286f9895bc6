// Privacy facades: the provider's player is framed only when the reader presses Play.
for (const button of document.querySelectorAll("[data-embed-player]")) {
  button.hidden = false;
  button.closest("[data-embed]").querySelector(".embed__consent").hidden = false;
  button.addEventListener("click", () => {
    const player = document.createElement("iframe");
    player.src = button.dataset.embedPlayer;
    player.title = button.dataset.embedTitle;
    player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    button.closest(".embed__frame").replaceChildren(player);
    player.focus();
  });
}
