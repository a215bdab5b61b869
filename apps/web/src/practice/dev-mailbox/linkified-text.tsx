import { Anchor } from '@mantine/core';

const urlPattern = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its http(s) links made clickable (invitation and sign-in links). */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(urlPattern);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Anchor key={i} href={part} target="_blank" rel="noreferrer noopener">
            {part}
          </Anchor>
        ) : (
          part
        ),
      )}
    </>
  );
}
