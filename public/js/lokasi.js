// "Use my location" on the report form: asks the phone once, when the button is pressed,
// and puts the position in the hidden latitude/longitude fields. Loaded on the first
// press (see the loader, public/js/formulir.js); texts from the button's data-*.

export function locate(button) {
  const status = document.getElementById('location-status');
  const text = button.dataset;
  status.textContent = text.locating;
  button.disabled = true;
  navigator.geolocation.getCurrentPosition(
    (position) => {
      const lat = position.coords.latitude.toFixed(6);
      const lon = position.coords.longitude.toFixed(6);
      document.getElementById('latitude').value = lat;
      document.getElementById('longitude').value = lon;
      status.textContent = text.set
        .replaceAll('{lat}', lat)
        .replaceAll('{lon}', lon)
        .replaceAll('{m}', String(Math.round(position.coords.accuracy)));
      document.getElementById('location-clear').hidden = false;
      button.disabled = false;
    },
    () => {
      status.textContent = text.denied;
      button.disabled = false;
    },
    { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 },
  );
}
