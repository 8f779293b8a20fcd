import type { ContractError } from '../../../shared/contract/errors';

/** A failure in words: the message for the user, the detail (vendor's words, field) below it. */
export function ErrorMessage({ error }: { error: ContractError }) {
  return (
    <div className="error" role="alert" data-code={error.code}>
      <strong>{error.message}</strong>
      {error.detail && <div className="detail">{error.detail}</div>}
    </div>
  );
}
