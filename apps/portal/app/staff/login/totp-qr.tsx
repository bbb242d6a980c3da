import QRCode from 'qrcode';

// The otpauth:// URI as a QR code for a phone's authenticator app. Drawn as plain SVG elements from the code's module
// matrix (qrcode's `create`), not as injected markup or a data: URL, so the portal's Content-Security-Policy needs no
// exception for it. The secret stays beside it in text for people who cannot scan.

/** One SVG path of the dark modules, one unit per module, inside a 4-module quiet zone (ISO/IEC 18004). */
function modulePath(uri: string): { size: number; path: string } {
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + 4} ${row + 4}h1v1h-1z`);
    }
  }
  return { size: modules.size + 8, path: parts.join('') };
}

export function TotpQrCode({ uri }: { uri: string }) {
  const { size, path } = modulePath(uri);
  return (
    <svg
      className="totp-qr"
      role="img"
      aria-label="QR code of your authenticator key: scan it with the authenticator app"
      viewBox={`0 0 ${size} ${size}`}
      width={200}
      height={200}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
