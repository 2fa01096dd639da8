import { Dialog } from "../../components/dialog";
import { SHORTCUTS } from "./shortcuts";

export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <dl className="shortcuts" data-testid="help-overlay">
        {SHORTCUTS.map((s) => (
          <div className="shortcut" key={s.does}>
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && <span className="plus"> </span>}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
