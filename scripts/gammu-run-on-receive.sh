#!/bin/sh
# Gammu SMSD's RunOnReceive helper: forwards each received SMS to Lapor's generic SMS
# webhook and sends Lapor's answer back to the phone.
#
# In /etc/gammu-smsdrc, section [smsd]:
#   RunOnReceive = /opt/lapor/scripts/gammu-run-on-receive.sh
# with the environment of gammu-smsd holding:
#   LAPOR_URL        where Lapor listens (default http://127.0.0.1:3000)
#   LAPOR_SMS_TOKEN  the same secret as the server's LAPOR_SMS_TOKEN
#   GAMMU_SMSDRC     gammu-smsd's configuration, when not /etc/gammu-smsdrc (the answer is
#                    queued through it)
#
# Gammu passes the ids of the received messages as arguments and the message itself in
# SMS_1_NUMBER and DECODED_1_TEXT (a long SMS already joined from its parts) or
# SMS_1_TEXT. The answer goes back with gammu-smsd-inject.
set -eu

url="${LAPOR_URL:-http://127.0.0.1:3000}/kanal/sms/generic"
from="${SMS_1_NUMBER:?gammu-smsd sets SMS_1_NUMBER}"
text="${DECODED_1_TEXT:-${SMS_1_TEXT:-}}"
# Gammu's own id of the message: Lapor files a message delivered twice only once.
id="gammu-${1:-$from-$(date +%s)}"

# Retried by curl when Lapor is briefly unavailable (it answers 503 when it could not
# store the message); gammu-smsd keeps the message in its inbox either way.
reply="$(curl --silent --show-error --fail --max-time 30 --retry 3 --retry-delay 5 \
  --header "Authorization: Bearer ${LAPOR_SMS_TOKEN:?set LAPOR_SMS_TOKEN}" \
  --data-urlencode "from=$from" \
  --data-urlencode "text=$text" \
  --data-urlencode "id=$id" \
  "$url")"

if [ -n "$reply" ]; then
  if [ -n "${GAMMU_SMSDRC:-}" ]; then
    gammu-smsd-inject -c "$GAMMU_SMSDRC" TEXT "$from" -text "$reply"
  else
    gammu-smsd-inject TEXT "$from" -text "$reply"
  fi
fi
