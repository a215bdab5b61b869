import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';

export const supportedLanguages = ['en'] as const;
export type Language = (typeof supportedLanguages)[number];

/** The first supported language the browser asks for; English otherwise. */
function preferredLanguage(): Language {
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    const match = supportedLanguages.find((lang) => lang === base);
    if (match) return match;
  }
  return 'en';
}

/** Keeps `<html lang dir>` in step with the active locale (WCAG 3.1.1, axe `html-has-lang`). */
function syncDocumentLanguage(instance: I18n): void {
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = instance.dir(lng);
  };
  apply(instance.language);
  instance.on('languageChanged', apply);
}

export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: preferredLanguage(),
    fallbackLng: 'en',
    supportedLngs: supportedLanguages,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  syncDocumentLanguage(instance);
  return instance;
}
