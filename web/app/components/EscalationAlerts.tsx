import { useNavigate } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useLiveEvents } from '../utils/live';

/** Remembered per browser: a person turns alerts on once, on the machine they work at. */
const SETTING = 'helios.escalationAlerts';

interface NotificationItem {
  id: string;
  kind: string;
  conversationId: string;
  title: string;
  body: string;
  read: boolean;
}

let audio: AudioContext | null = null;

/** Browsers let audio start only after a user action on the page: call from one. */
function unlockAudio() {
  audio = audio ?? new AudioContext();
  void audio.resume().catch(() => undefined);
}

/** A short two-tone chime, drawn by Web Audio: no sound file to serve or to block. */
function chime() {
  if (!audio) return;
  const start = audio.currentTime;
  [880, 660].forEach((frequency, i) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, start + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(start + i * 0.18);
    oscillator.stop(start + i * 0.18 + 0.17);
  });
}

const desktopSupported = () => typeof window !== 'undefined' && 'Notification' in window;

/**
 * Opt-in sound and desktop notification when an escalation arrives (a customer waits for a
 * person). Off until the person switches it on; the browser's permission is asked from that click,
 * never on page load. The notification names what the escalation names and opens its conversation.
 */
export function EscalationAlertsToggle({ tenant }: { tenant: string }) {
  const navigate = useNavigate();
  const [enabled, setEnabled] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (window.localStorage.getItem(SETTING) !== 'on') return;
    setEnabled(true);
    // After a reload the sound waits for the person's next click or key on the page.
    document.addEventListener('pointerdown', unlockAudio, { once: true });
    document.addEventListener('keydown', unlockAudio, { once: true });
    setNote(permissionNote());
    return () => {
      document.removeEventListener('pointerdown', unlockAudio);
      document.removeEventListener('keydown', unlockAudio);
    };
  }, []);

  useLiveEvents(tenant, (event) => {
    if (!enabled || !event || event.type !== 'notification' || event.kind !== 'escalation' || event.updated) return;
    void alertFor(String(event.notificationId));
  });

  async function alertFor(notificationId: string) {
    const res = await fetch(`/api/tenants/${encodeURIComponent(tenant)}/notifications?limit=20`);
    if (!res.ok) return;
    const { items } = (await res.json()) as { items: NotificationItem[] };
    const item = items.find((n) => n.id === notificationId);
    // Someone already handled it (read it) before it reached this tab: no alarm.
    if (!item || item.read) return;
    chime();
    if (!desktopSupported() || Notification.permission !== 'granted') return;
    const shown = new Notification(item.title, { body: item.body, tag: item.id });
    shown.onclick = () => {
      window.focus();
      navigate(`/app/${tenant}/whatsapp/${item.conversationId}`);
      shown.close();
    };
  }

  async function toggle() {
    if (enabled) {
      window.localStorage.removeItem(SETTING);
      setEnabled(false);
      setNote(null);
      return;
    }
    unlockAudio();
    if (desktopSupported() && Notification.permission === 'default') await Notification.requestPermission();
    window.localStorage.setItem(SETTING, 'on');
    setEnabled(true);
    setNote(permissionNote());
  }

  return (
    <div className="alerts-toggle">
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        className="link"
        onClick={() => void toggle()}
        title="A sound and a desktop notification when a customer waits for a person"
      >
        Escalation alerts: {enabled ? 'on' : 'off'}
      </button>
      {note ? <p className="muted small">{note}</p> : null}
    </div>
  );
}

/** Why only the sound plays, when the browser will not show desktop notifications. */
function permissionNote(): string | null {
  if (!desktopSupported()) return 'This browser cannot show desktop notifications: sound only.';
  if (Notification.permission === 'denied')
    return "Desktop notifications are blocked in this browser's site settings: sound only.";
  if (Notification.permission === 'default') return 'Desktop notifications were not allowed: sound only.';
  return null;
}
