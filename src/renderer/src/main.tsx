import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEarly } from './api/client';
import { App } from './app/App';
import './styles.css';

connectEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
