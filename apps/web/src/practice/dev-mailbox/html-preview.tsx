import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './mailbox.module.css';

/**
 * The HTML version of an email, in a fully sandboxed frame (no scripts, no same-origin access).
 * The frame is created only when opened: most visits need the text alone.
 */
export function HtmlPreview({ html, subject }: { html: string; subject: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details
      className={classes.details}
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
      }}
    >
      <summary>{t('mailbox.showHtml')}</summary>
      {open ? (
        <iframe
          className={classes.frame}
          sandbox=""
          srcDoc={html}
          title={t('mailbox.htmlTitle', { subject })}
        />
      ) : null}
    </details>
  );
}
