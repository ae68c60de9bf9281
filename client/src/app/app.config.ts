import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import {
  inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { MAT_SNACK_BAR_DEFAULT_OPTIONS } from '@angular/material/snack-bar';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { sessionExpiredInterceptor } from './core/auth.interceptor';
import { registerIcons } from './core/icons';
import { ThemeService } from './core/theme.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(
      withInterceptors([sessionExpiredInterceptor]),
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
    ),
    provideAppInitializer(() => {
      registerIcons();
      inject(ThemeService);
    }),
    { provide: MAT_SNACK_BAR_DEFAULT_OPTIONS, useValue: { duration: 6000, politeness: 'polite' } },
  ],
};
