#!/usr/bin/env bash
# Stops the virtual-device PulseAudio started by test/audio/start-audio.sh (safe if not running).
RUNTIME_DIR="${VC_RUNTIME_DIR:-/tmp/vc-audio-runtime}"
PID_FILE="$RUNTIME_DIR/pulse/pid"
if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  kill "$(cat "$PID_FILE")"
  for i in $(seq 1 30); do kill -0 "$(cat "$PID_FILE" 2>/dev/null)" 2>/dev/null || break; sleep 0.1; done
  echo "pulseaudio stopped" >&2
else
  echo "pulseaudio not running" >&2
fi
