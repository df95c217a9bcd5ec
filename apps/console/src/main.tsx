import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './console.css';

// The API stamps each index.html with the nonce its Content-Security-Policy allows for <style> tags.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App nonce={nonce} />
  </StrictMode>,
);
