package io.userservice.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.nayuki.qrcodegen.QrCode;
import io.userservice.core.domain.Caller;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.GetMfaStatusUseCase;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The signed-in user's second factors: adding an authenticator app, turning two-factor
 * authentication off, new recovery codes, and what is on. Every method acts on the token's user.
 */
@Path("/user/mfa")
@BearerAuth
@Produces(MediaType.APPLICATION_JSON)
public final class MfaResource {

    private final EnrolTotpUseCase enrolTotp;
    private final ConfirmTotpUseCase confirmTotp;
    private final DisableTotpUseCase disableTotp;
    private final RenewRecoveryCodesUseCase renewRecoveryCodes;
    private final GetMfaStatusUseCase mfaStatus;
    private final String issuer;

    /** @param issuer the name authenticator apps show above the code: the product name */
    MfaResource(EnrolTotpUseCase enrolTotp, ConfirmTotpUseCase confirmTotp, DisableTotpUseCase disableTotp,
                RenewRecoveryCodesUseCase renewRecoveryCodes, GetMfaStatusUseCase mfaStatus, String issuer) {
        this.enrolTotp = enrolTotp;
        this.confirmTotp = confirmTotp;
        this.disableTotp = disableTotp;
        this.renewRecoveryCodes = renewRecoveryCodes;
        this.mfaStatus = mfaStatus;
        this.issuer = issuer;
    }

    record Code(String code) {
        @Override
        public String toString() {
            return "Code[***]";
        }
    }

    record PasswordAndCode(String password, String code) {
        @Override
        public String toString() {
            return "PasswordAndCode[***]";
        }
    }

    @JsonPropertyOrder({"status", "enabled", "totp", "totpPending", "recoveryCodesLeft", "methods"})
    record StatusJson(String status, boolean enabled, boolean totp, boolean totpPending, int recoveryCodesLeft,
                      List<String> methods) {
        static StatusJson of(GetMfaStatusUseCase.Status status) {
            return new StatusJson("success", status.enabled(), status.totp(), status.totpPending(),
                    status.recoveryCodesLeft(), status.methods());
        }
    }

    @JsonPropertyOrder({"status", "secret", "otpauthUri", "qrCodeSvg"})
    record EnrolmentJson(String status, String secret, String otpauthUri, String qrCodeSvg) {
    }

    @JsonPropertyOrder({"status", "recoveryCodes"})
    record RecoveryCodesJson(String status, List<String> recoveryCodes) {
    }

    @GET
    public StatusJson status(@Context SecurityContext caller) {
        return StatusJson.of(mfaStatus.status(BearerAuthFilter.userId(caller)));
    }

    @POST
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrolmentJson enrol(@Context SecurityContext caller, @Context ContainerRequestContext request,
                               Bodies.Password body) {
        ApiErrors.requireBody(body);
        EnrolTotpUseCase.Enrolment enrolment = enrolTotp.enrol(new EnrolTotpUseCase.Command(
                BearerAuthFilter.caller(caller), body.password(), ClientAddress.of(request)));
        String uri = otpauthUri(issuer, enrolment.accountName(), enrolment.secret());
        return new EnrolmentJson("success", enrolment.secret(), uri, qrCodeSvg(uri));
    }

    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public RecoveryCodesJson confirm(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                     Code body) {
        ApiErrors.requireBody(body);
        return new RecoveryCodesJson("success", confirmTotp.confirm(new ConfirmTotpUseCase.Command(
                BearerAuthFilter.caller(caller), body.code(), ClientAddress.of(request))));
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "two-factor authentication is off")
    @DELETE
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response disable(@Context SecurityContext caller, @Context ContainerRequestContext request,
                            PasswordAndCode body) {
        ApiErrors.requireBody(body);
        Caller who = BearerAuthFilter.caller(caller);
        disableTotp.disable(new DisableTotpUseCase.Command(who, body.password(), body.code(),
                ClientAddress.of(request)));
        return Response.noContent().build();
    }

    @POST
    @Path("/recovery-codes")
    @Consumes(MediaType.APPLICATION_JSON)
    public RecoveryCodesJson renew(@Context SecurityContext caller, @Context ContainerRequestContext request,
                                   PasswordAndCode body) {
        ApiErrors.requireBody(body);
        return new RecoveryCodesJson("success", renewRecoveryCodes.renew(new RenewRecoveryCodesUseCase.Command(
                BearerAuthFilter.caller(caller), body.password(), body.code(), ClientAddress.of(request))));
    }

    /**
     * The Key Uri Format authenticator apps read: the label is {@code issuer:account}, the
     * parameters say SHA-1, 6 digits and 30 seconds (the defaults, spelled out for apps that ask).
     */
    static String otpauthUri(String issuer, String accountName, String secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(accountName) + "?secret=" + secret
                + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
    }

    /** The URI as a QR code in SVG: one path of dark modules with a quiet zone of four. */
    static String qrCodeSvg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 4;
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 " + size + " " + size
                + "\" stroke=\"none\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"" + path
                + "\" fill=\"#000000\"/></svg>";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
