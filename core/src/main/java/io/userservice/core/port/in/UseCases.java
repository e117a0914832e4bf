package io.userservice.core.port.in;

import io.userservice.core.domain.PasswordPolicy;

/**
 * Every use case of the core, as the driving adapters see it: an adapter takes this once and hands
 * each of its parts only the use cases that part calls.
 */
public interface UseCases {

    /** The rules new passwords must meet, for forms that state them. */
    PasswordPolicy passwordPolicy();

    RegisterUserUseCase register();

    ConfirmEmailUseCase confirmEmail();

    LogInUseCase logIn();

    RefreshTokensUseCase refreshTokens();

    LogOutUseCase logOut();

    AuthenticateUseCase authenticate();

    GetUserUseCase getUser();

    GetProfileUseCase getProfile();

    UpdateNameUseCase updateName();

    SetAttributeUseCase setAttribute();

    ListAttributesUseCase listAttributes();

    DeleteAttributeUseCase deleteAttribute();

    RequestPasswordResetUseCase requestPasswordReset();

    CompletePasswordResetUseCase completePasswordReset();

    UserExistsUseCase userExists();

    LookUpUserUseCase lookUpUser();

    PublishKeysUseCase publishKeys();

    EnsureAdminUseCase ensureAdmin();

    IssuePortalTokenUseCase issuePortalToken();

    MintPortalTokenUseCase mintPortalToken();

    VerifyCredentialsUseCase verifyCredentials();

    ImpersonateUseCase impersonate();

    ChangeRoleUseCase changeRole();

    DeactivateUserUseCase deactivateUser();

    ListAuditEventsUseCase auditEvents();

    RedeemPortalTokenUseCase redeemPortalToken();

    SignInToPortalUseCase signInToPortal();

    CurrentPortalUserUseCase currentPortalUser();

    SignOutOfPortalUseCase signOutOfPortal();

    RotateSigningKeyUseCase rotateSigningKey();

    RevokeSigningKeyUseCase revokeSigningKey();

    ListSigningKeysUseCase listSigningKeys();

    /** The registry of OpenID Connect clients. */
    ManageClientsUseCase manageClients();

    /** The OpenID Connect authorization endpoint. */
    AuthorizeUseCase authorize();

    /** The OpenID Connect token endpoint. */
    OidcTokenUseCase oidcToken();

    /** The OpenID Connect userinfo, introspection and revocation endpoints. */
    OidcTokenInfoUseCase oidcTokenInfo();

    /** OpenID Connect RP-initiated logout. */
    EndSessionUseCase endSession();

    /** The issuer of the service's tokens ({@code iss}), which is also the OpenID Connect issuer. */
    String issuer();

    ChangePasswordUseCase changePassword();

    ChangeEmailUseCase changeEmail();

    ConfirmEmailChangeUseCase confirmEmailChange();

    ListSessionsUseCase listSessions();

    EndSessionsUseCase endSessions();

    ExportAccountUseCase exportAccount();

    DeleteAccountUseCase deleteAccount();

    SearchUsersUseCase searchUsers();

    GetUserDetailsUseCase userDetails();

    UpdateUserUseCase updateUser();

    SendPasswordResetUseCase sendPasswordReset();

    ImportUsersUseCase importUsers();

    ExportUsersUseCase exportUsers();

    AdministerWebhooksUseCase administerWebhooks();

    PurgeExpiredRowsUseCase purgeExpiredRows();

    /** {@code POST /auth/login/mfa}: the second step of a sign-in with two-factor authentication on. */
    CompleteMfaSignInUseCase completeMfaSignIn();

    /** The second page of the hosted sign-in (portal, OpenID Connect). */
    CompletePortalMfaSignInUseCase completePortalMfaSignIn();

    EnrolTotpUseCase enrolTotp();

    ConfirmTotpUseCase confirmTotp();

    DisableTotpUseCase disableTotp();

    RenewRecoveryCodesUseCase renewRecoveryCodes();

    GetMfaStatusUseCase mfaStatus();

    ResetMfaUseCase resetMfa();

    RegisterPasskeyUseCase registerPasskey();

    SignInWithPasskeyUseCase signInWithPasskey();

    ManagePasskeysUseCase managePasskeys();
}
