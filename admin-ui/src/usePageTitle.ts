// The browser tab names the page: "Livssykluser · NITD livssykluskonsoll".
import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

export function usePageTitle(title: string | undefined): void {
  const translate = useTranslate();
  const app = translate('nitd.app.title');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : app;
  }, [title, app]);
}
